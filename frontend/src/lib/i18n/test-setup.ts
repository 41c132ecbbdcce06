// Tests render pages without their routes' loaders (`withMessages`): the pages' words are there
// from the start, as they are for a page of the app.
import { loadPageMessages } from "@/lib/i18n/messages";

await loadPageMessages();

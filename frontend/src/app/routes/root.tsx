import { lazy, Suspense, useEffect, useState } from "react";
import type { navigation as Navigation } from "@/app/navigation";
import { AppLayout } from "@/components/layouts/app-layout";
import { PageSpinner } from "@/components/ui/page-spinner";
import { NotificationBell } from "@/features/notifications/components/notification-bell";
import { UserMenu } from "@/features/auth/components/user-menu";
import { useMe, useSignedIn } from "@/lib/auth/use-session";
import { withMessages } from "@/lib/i18n/messages";
import { useT } from "@/lib/i18n/use-t";

// Seldom shown (a password set by someone else): its form is no part of the first load.
const ChangePasswordPage = lazy(async () => ({
  default: (await withMessages(import("@/features/auth/components/change-password-page")))
    .ChangePasswordPage,
}));

// The menu's pages and their icons come with the first page (loaded from the start, alongside
// it), not before it: the menu shows once they are there.
let navigationLoaded: Promise<typeof Navigation> | null = null;

function useNavigation(): typeof Navigation | null {
  const [navigation, setNavigation] = useState<typeof Navigation | null>(null);
  useEffect(() => {
    let current = true;
    navigationLoaded ??= withMessages(import("@/app/navigation")).then(
      (module) => module.navigation,
    );
    navigationLoaded.then(
      (loaded) => {
        if (current) setNavigation(() => loaded);
      },
      () => {},
    );
    return () => {
      current = false;
    };
  }, []);
  return navigation;
}

export function RootRoute() {
  const t = useT();
  const signedIn = useSignedIn();
  const me = useMe().data ?? null;
  const navigation = useNavigation();
  // A password set by someone else: the API refuses everything else until it is changed
  // (after a login, on a reload, or on a request's 403 `password_change_required`).
  if (signedIn && me?.must_change_password) {
    return (
      <Suspense fallback={<PageSpinner />}>
        <ChangePasswordPage me={me} />
      </Suspense>
    );
  }
  return (
    <AppLayout
      navItems={navigation === null ? [] : navigation(signedIn ? me : null, signedIn, t)}
      headerExtra={
        signedIn && me !== null ? (
          <>
            <NotificationBell />
            <UserMenu me={me} />
          </>
        ) : null
      }
    />
  );
}

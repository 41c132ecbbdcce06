import { navigation } from "@/app/navigation";
import { AppLayout } from "@/components/layouts/app-layout";
import { UserMenu } from "@/features/auth/components/user-menu";
import { NotificationBell } from "@/features/notifications/components/notification-bell";
import { useMe, useSignedIn } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";

export function RootRoute() {
  const t = useT();
  const signedIn = useSignedIn();
  const me = useMe().data ?? null;
  return (
    <AppLayout
      navItems={navigation(signedIn ? me : null, signedIn, t)}
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

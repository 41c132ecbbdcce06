import { navigation } from "@/app/navigation";
import { AppLayout } from "@/components/layouts/app-layout";
import { ChangePasswordPage } from "@/features/auth/components/change-password-page";
import { UserMenu } from "@/features/auth/components/user-menu";
import { NotificationBell } from "@/features/notifications/components/notification-bell";
import { useMe, useSignedIn } from "@/lib/auth/use-session";
import { useT } from "@/lib/i18n/use-t";

export function RootRoute() {
  const t = useT();
  const signedIn = useSignedIn();
  const me = useMe().data ?? null;
  // A password set by someone else: the API refuses everything else until it is changed
  // (after a login, on a reload, or on a request's 403 `password_change_required`).
  if (signedIn && me?.must_change_password) return <ChangePasswordPage me={me} />;
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

import { Button } from "antd";
import { lazy, Suspense } from "react";
import { Navigate, Outlet, useLocation } from "react-router";
import { Failure } from "@/components/ui/failure";
import { PageSpinner } from "@/components/ui/page-spinner";
import { canUse, type Area } from "@/lib/auth/permissions";
import { useMe, useSignedIn } from "@/lib/auth/use-session";
import { withMessages } from "@/lib/i18n/messages";
import { useT } from "@/lib/i18n/use-t";
import { errorMessage } from "@/lib/problems";

// Seldom shown (the menu offers only what the user may use): its illustration is no part of the
// first load.
const ForbiddenRoute = lazy(async () => ({
  default: (await withMessages(import("@/app/routes/forbidden"))).ForbiddenRoute,
}));

/** The pages below need a login: others are sent to /login, and back here afterwards. */
export function RequireAuth() {
  const t = useT();
  const signedIn = useSignedIn();
  const me = useMe();
  const location = useLocation();

  if (!signedIn) {
    const here = `${location.pathname}${location.search}${location.hash}`;
    const search = here === "/" ? "" : `?next=${encodeURIComponent(here)}`;
    return <Navigate to={`/login${search}`} replace />;
  }
  if (me.isPending) return <PageSpinner />;
  if (me.isError) {
    return (
      <Failure
        title={t("auth.meFailed")}
        subTitle={errorMessage(me.error, t)}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            {t("auth.retry")}
          </Button>
        }
      />
    );
  }
  return <Outlet />;
}

/** A page for some roles only: the others see a 403 page (the API refuses them anyway). */
export function RequireArea({ area }: { area: Area }) {
  const me = useMe();
  if (me.data === undefined || !canUse(me.data, area)) {
    return (
      <Suspense fallback={<PageSpinner />}>
        <ForbiddenRoute />
      </Suspense>
    );
  }
  return <Outlet />;
}

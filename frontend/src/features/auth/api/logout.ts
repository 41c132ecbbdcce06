import { useState } from "react";
import { useNavigate } from "react-router";
import { session } from "@/lib/auth/session";

/** Ends the session (on the server too) and shows the login page. */
export function useLogout() {
  const navigate = useNavigate();
  const [loggingOut, setLoggingOut] = useState(false);
  const logout = async () => {
    setLoggingOut(true);
    await session.logout();
    await navigate("/login", { replace: true });
  };
  return { logout, loggingOut };
}

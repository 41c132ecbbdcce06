import { useState } from "react";
import { createBrowserRouter, RouterProvider } from "react-router";
import { routes } from "@/app/routes";

export function AppRouter() {
  const [router] = useState(() => createBrowserRouter(routes));
  return <RouterProvider router={router} />;
}

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter, useLocation } from "react-router";
import { describe, expect, it } from "vitest";
import { todayInVietnam } from "@/lib/format";
import { useOrgYearParams } from "@/lib/org-year";
import { cycleList, startSession, stubApi } from "@/testing/api";

function at(url: string) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <MemoryRouter initialEntries={[url]}>{children}</MemoryRouter>
    </QueryClientProvider>
  );
}

const cycle = (organization_id: number, year: number) => ({ id: year, organization_id, year });

describe("useOrgYearParams", () => {
  it("changes the organisation or the year and keeps the page's other parameters", () => {
    const { result } = renderHook(
      () => ({ params: useOrgYearParams(7), location: useLocation() }),
      { wrapper: at("/dossiers/10/2016?kind=leaders&year=2016") },
    );
    expect(result.current.params).toMatchObject({ orgId: 7, year: 2016, yearPending: false });
    act(() => result.current.params.choose({ year: 2017 }));
    const search = new URLSearchParams(result.current.location.search);
    expect(search.get("kind")).toBe("leaders");
    expect(search.get("year")).toBe("2017");
    expect(search.get("org")).toBe("7");
    expect(result.current.params.year).toBe(2017);
  });

  it("by cycle, opens on the year of the organisation's latest cycle", async () => {
    startSession();
    stubApi({
      "GET /api/v1/cycles": cycleList([cycle(8, 2024), cycle(7, 2023), cycle(7, 2022), cycle(9, 2025)]),
    });
    const { result } = renderHook(() => useOrgYearParams(7, { byCycle: true }), {
      wrapper: at("/rewards"),
    });
    expect(result.current.yearPending).toBe(true);
    await waitFor(() => expect(result.current.yearPending).toBe(false));
    expect(result.current.year).toBe(2023);
  });

  it("by cycle, takes the latest cycle the user works in when the organisation has none", async () => {
    startSession();
    stubApi({ "GET /api/v1/cycles": cycleList([cycle(8, 2024), cycle(9, 2025)]) });
    const { result } = renderHook(() => useOrgYearParams(7, { byCycle: true }), {
      wrapper: at("/rewards"),
    });
    await waitFor(() => expect(result.current.year).toBe(2025));
  });

  it("by cycle, keeps the year of the address and falls back to this year without cycles", async () => {
    startSession();
    const api = stubApi({ "GET /api/v1/cycles": cycleList([]) });
    const chosen = renderHook(() => useOrgYearParams(7, { byCycle: true }), {
      wrapper: at("/rewards?year=2019"),
    });
    expect(chosen.result.current).toMatchObject({ year: 2019, yearPending: false });
    expect(api.requests("GET /api/v1/cycles")).toHaveLength(0);

    const none = renderHook(() => useOrgYearParams(7, { byCycle: true }), {
      wrapper: at("/rewards"),
    });
    await waitFor(() => expect(none.result.current.yearPending).toBe(false));
    expect(none.result.current.year).toBe(todayInVietnam().year());
  });
});

import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { MemoryRouter, useLocation } from "react-router";
import { describe, expect, it } from "vitest";
import { useOrgYearParams } from "@/lib/org-year";

function at(url: string) {
  return ({ children }: { children: ReactNode }) => (
    <MemoryRouter initialEntries={[url]}>{children}</MemoryRouter>
  );
}

describe("useOrgYearParams", () => {
  it("changes the organisation or the year and keeps the page's other parameters", () => {
    const { result } = renderHook(
      () => ({ params: useOrgYearParams(7), location: useLocation() }),
      { wrapper: at("/dossiers/10/2016?kind=leaders&year=2016") },
    );
    expect(result.current.params).toMatchObject({ orgId: 7, year: 2016 });
    act(() => result.current.params.choose({ year: 2017 }));
    const search = new URLSearchParams(result.current.location.search);
    expect(search.get("kind")).toBe("leaders");
    expect(search.get("year")).toBe("2017");
    expect(search.get("org")).toBe("7");
    expect(result.current.params.year).toBe(2017);
  });
});

import { useMutation, useQuery } from "@tanstack/react-query";
import { render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { AppProvider } from "@/app/provider";
import { agendaQueryKey } from "@/features/agenda/api/get-agenda";
import { notificationsQueryKey } from "@/features/notifications/api/get-notifications";

function Probe({ agenda, bell }: { agenda: () => Promise<number>; bell: () => Promise<number> }) {
  useQuery({ queryKey: agendaQueryKey, queryFn: agenda });
  useQuery({ queryKey: notificationsQueryKey, queryFn: bell });
  const action = useMutation({ mutationFn: () => Promise.resolve("done") });
  return <button onClick={() => action.mutate()}>act</button>;
}

describe("the app's query client", () => {
  it("asks for the agenda and the bell again after each action (issue #17)", async () => {
    const agenda = vi.fn(() => Promise.resolve(1));
    const bell = vi.fn(() => Promise.resolve(2));
    render(
      <AppProvider>
        <Probe agenda={agenda} bell={bell} />
      </AppProvider>,
    );
    await waitFor(() => expect(agenda).toHaveBeenCalledTimes(1));
    expect(bell).toHaveBeenCalledTimes(1);

    await userEvent.click(screen.getByRole("button", { name: "act" }));

    await waitFor(() => expect(agenda).toHaveBeenCalledTimes(2));
    await waitFor(() => expect(bell).toHaveBeenCalledTimes(2));
  });
});

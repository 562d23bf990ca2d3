import { mailboxResponseSchema } from "@mgen/contracts";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";

const MAILBOX_KEY = ["dev-mailbox"] as const;

export function mailboxPath(to: string): string {
  const address = to.trim();
  return address ? `/api/dev/mailbox?${new URLSearchParams({ to: address })}` : "/api/dev/mailbox";
}

export function useMailbox(to: string) {
  return useQuery({
    queryKey: [...MAILBOX_KEY, to.trim()],
    queryFn: ({ signal }) => api.get(mailboxPath(to), mailboxResponseSchema, signal),
    staleTime: 0,
  });
}

export function useClearMailbox() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete("/api/dev/mailbox"),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: MAILBOX_KEY }),
  });
}

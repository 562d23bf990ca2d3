import type { StaffMemberPage } from "@mgen/contracts/staff";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../../lib/api";

export const memberKey = (id: string) => ["member", id] as const;

/** `GET /api/staff/members/:id`: the member's page, timeline included. */
export function useMember(id: string) {
  return useQuery({
    queryKey: memberKey(id),
    queryFn: ({ signal }) =>
      api.get<StaffMemberPage>(`/api/staff/members/${encodeURIComponent(id)}`, signal),
  });
}

/**
 * `POST /api/staff/members/:id/<action>` with the reason (and the address for
 * `contact-email`). The member's page is asked again: its timeline shows the action.
 */
export function useMemberAction(id: string, action: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { reason: string; email?: string }) =>
      api.post(`/api/staff/members/${encodeURIComponent(id)}/${action}`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: memberKey(id) }),
  });
}

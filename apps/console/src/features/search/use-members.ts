import type { StaffMemberSummary } from "@mgen/contracts/staff";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../lib/api";

/**
 * `POST /api/staff/members/search {q}`: a NIR, an address or a name; "" asks nothing. The
 * words travel in the body, never in a URL (the staff API's `GET ?q=` does the same).
 */
export function useMembers(q: string) {
  return useQuery({
    queryKey: ["members", q],
    queryFn: () => api.post<StaffMemberSummary[]>("/api/staff/members/search", { q }),
    enabled: q !== "",
  });
}

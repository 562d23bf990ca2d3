import type { StaffMemberSummary } from "@mgen/contracts/staff";
import { useQuery } from "@tanstack/react-query";
import { api, withQuery } from "../../lib/api";

/** `GET /api/staff/members?q=…`: a NIR, an address or a name; "" asks nothing. */
export function useMembers(q: string) {
  return useQuery({
    queryKey: ["members", q],
    queryFn: ({ signal }) =>
      api.get<StaffMemberSummary[]>(withQuery("/api/staff/members", { q }), signal),
    enabled: q !== "",
  });
}

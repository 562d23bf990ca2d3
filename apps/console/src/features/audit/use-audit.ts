import type { StaffAuditPage } from "@mgen/contracts/staff";
import { useInfiniteQuery } from "@tanstack/react-query";
import { api, withQuery } from "../../lib/api";

/**
 * `GET /api/staff/audit?staff=&member=&action=&before=`: the journal, newest first, one
 * page at a time; `next` is the `before` of the following page.
 */
export function useAudit(query: Record<string, string>) {
  return useInfiniteQuery({
    queryKey: ["audit", query],
    queryFn: ({ pageParam, signal }) =>
      api.get<StaffAuditPage>(
        withQuery("/api/staff/audit", { ...query, before: pageParam }),
        signal,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

/** The same query as CSV (`;`, UTF-8 with BOM): a plain download with the staff cookie. */
export function auditCsvHref(query: Record<string, string>): string {
  return withQuery("/api/staff/audit", { ...query, format: "csv" });
}

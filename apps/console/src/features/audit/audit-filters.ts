import { STAFF_ACTIONS, type StaffAction, staffAuditQuerySchema } from "@mgen/contracts/staff";
import type { Resolver, ResolverResult } from "react-hook-form";
import { fieldErrorsOf } from "../../lib/form-errors";

/** The journal's filters as the form and the address hold them ("" = any). */
export type AuditFilters = { staff: string; member: string; action: StaffAction | "" };

const NAMES = ["staff", "member", "action"] as const;

export function filtersFromParams(params: URLSearchParams): AuditFilters {
  const action = params.get("action") ?? "";
  return {
    staff: params.get("staff") ?? "",
    member: params.get("member") ?? "",
    action: (STAFF_ACTIONS as readonly string[]).includes(action) ? (action as StaffAction) : "",
  };
}

/** The filters given, for the address and the API's query (empty ones left out). */
export function filtersToQuery(filters: AuditFilters): Record<string, string> {
  const query: Record<string, string> = {};
  for (const name of NAMES) {
    const value = filters[name].trim();
    if (value !== "") query[name] = value;
  }
  return query;
}

/**
 * The form's resolver: the contracts' query schema judges what was typed (an empty
 * field is no filter), and the address is normalised as the server reads it.
 */
export const auditFiltersResolver: Resolver<AuditFilters> = async (
  values,
): Promise<ResolverResult<AuditFilters>> => {
  const parsed = staffAuditQuerySchema.safeParse(filtersToQuery(values));
  if (parsed.success) {
    const { staff, member, action } = parsed.data;
    return {
      values: {
        staff: staff ?? "",
        member: member === undefined ? "" : String(member),
        action: action ?? "",
      },
      errors: {},
    };
  }
  return { values: {}, errors: fieldErrorsOf(parsed.error.issues, NAMES) };
};

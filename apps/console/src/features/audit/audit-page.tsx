import { STAFF_ACTIONS, type StaffAuditItem } from "@mgen/contracts/staff";
import { SelectField, TextField } from "@mgen/ui/field";
import { Alert } from "@mgen/ui/messages";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { useSearchParams } from "react-router";
import { formatDateTime } from "../../lib/dates";
import { summaryItems } from "../../lib/form-errors";
import { ACTION_LABELS, actionLabel, outcomeLabel } from "../../lib/labels";
import { usePageTitle } from "../../lib/page-title";
import { ErrorSummary } from "../../ui/error-summary";
import { NoValue } from "../../ui/no-value";
import { PageHeading } from "../../ui/page-heading";
import { TableRegion } from "../../ui/table-region";
import {
  type AuditFilters,
  auditFiltersResolver,
  filtersFromParams,
  filtersToQuery,
} from "./audit-filters";
import { auditCsvHref, useAudit } from "./use-audit";

const FIELDS = [
  { name: "staff", id: "staff" },
  { name: "member", id: "member" },
  { name: "action", id: "action" },
] as const;

/**
 * `/console/journal` (superviseurs): every staff sign-in, search and action, filtered by
 * adviser, member or action, page by page, and exported as CSV. The filters are in the
 * address, so that a filtered journal can be shared with another superviseur.
 */
export function AuditPage() {
  usePageTitle("Journal des actions");
  const [params, setParams] = useSearchParams();
  const search = params.toString();
  const filters = useMemo(() => filtersFromParams(new URLSearchParams(search)), [search]);
  const query = useMemo(() => filtersToQuery(filters), [filters]);
  const audit = useAudit(query);
  const [attempt, setAttempt] = useState(0);
  const form = useForm<AuditFilters>({
    resolver: auditFiltersResolver,
    values: filters,
    shouldFocusError: false,
  });
  const { errors, submitCount } = form.formState;

  const onSubmit = form.handleSubmit(
    (values) => setParams(filtersToQuery(values)),
    () => setAttempt((n) => n + 1),
  );

  const items = submitCount > 0 ? summaryItems(errors, FIELDS) : [];
  const rows = audit.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeading>Journal des actions</PageHeading>
      <ErrorSummary items={items} attempt={attempt} />
      <form className="form filters" noValidate onSubmit={onSubmit} aria-label="Filtres du journal">
        <TextField
          id="staff"
          type="email"
          label="Conseiller (email)"
          error={errors.staff?.message}
          autoComplete="off"
          spellCheck={false}
          autoCapitalize="none"
          {...form.register("staff")}
        />
        <TextField
          id="member"
          label="Adhérent (numéro)"
          error={errors.member?.message}
          inputMode="numeric"
          autoComplete="off"
          {...form.register("member")}
        />
        <SelectField
          id="action"
          label="Action"
          error={errors.action?.message}
          {...form.register("action")}
        >
          <option value="">Toutes les actions</option>
          {STAFF_ACTIONS.map((action) => (
            <option key={action} value={action}>
              {ACTION_LABELS[action]}
            </option>
          ))}
        </SelectField>
        <div className="filters__buttons">
          <button type="submit" className="button">
            Filtrer
          </button>
          <a className="button button--secondary" href={auditCsvHref(query)} download>
            Exporter en CSV
          </a>
        </div>
      </form>

      {audit.isError ? (
        <Alert>
          <p>{audit.error.message}</p>
        </Alert>
      ) : null}
      <p role="status" className="result-count">
        {audit.isPending && !audit.isError
          ? "Chargement du journal…"
          : audit.data
            ? rowCount(rows.length)
            : ""}
      </p>
      {rows.length > 0 ? <AuditTable rows={rows} /> : null}
      {audit.hasNextPage ? (
        <p className="actions">
          <button
            type="button"
            className="button button--secondary"
            disabled={audit.isFetchingNextPage}
            onClick={() => void audit.fetchNextPage()}
          >
            Lignes suivantes
          </button>
        </p>
      ) : null}
    </>
  );
}

function rowCount(n: number): string {
  if (n === 0) return "Aucune ligne ne correspond à ces filtres.";
  return n === 1 ? "1 ligne affichée." : `${n} lignes affichées.`;
}

function AuditTable({ rows }: { rows: StaffAuditItem[] }) {
  return (
    <TableRegion label="Lignes du journal">
      <table className="table">
        <caption className="visually-hidden">
          Journal des actions, du plus récent au plus ancien
        </caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Conseiller</th>
            <th scope="col">Action</th>
            <th scope="col">Sujet</th>
            <th scope="col">Motif</th>
            <th scope="col">Résultat</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            // Rows have no id of their own; the list only grows at its end.
            <tr key={index}>
              <td className="nowrap">{formatDateTime(row.at)}</td>
              <td>
                {row.staff ? (
                  <>
                    {row.staff.name}
                    <br />
                    <span className="muted break">{row.staff.email}</span>
                  </>
                ) : (
                  "Adresse sans compte"
                )}
              </td>
              <td>{actionLabel(row.action)}</td>
              <td className="break">{row.subject ?? <NoValue />}</td>
              <td>{row.reason ?? <NoValue />}</td>
              <td>{outcomeLabel(row.outcome)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

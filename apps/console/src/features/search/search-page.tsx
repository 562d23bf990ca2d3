import { zodResolver } from "@hookform/resolvers/zod";
import type { StaffMemberSummary } from "@mgen/contracts/staff";
import { STAFF_STATE_LABELS, staffSearchQuerySchema } from "@mgen/contracts/staff";
import { TextField } from "@mgen/ui/field";
import { Alert } from "@mgen/ui/messages";
import { useEffect, useState } from "react";
import { useForm } from "react-hook-form";
import { Link, useLocation, useNavigate } from "react-router";
import type { z } from "zod/mini";
import { isApiError } from "../../lib/api";
import { formatBirthDate } from "../../lib/dates";
import { applyServerFieldErrors, summaryItems } from "../../lib/form-errors";
import { NOTICE_TEXT, readRedirectState } from "../../lib/notices";
import { usePageTitle } from "../../lib/page-title";
import { memberPage } from "../../lib/pages";
import { ErrorSummary } from "../../ui/error-summary";
import { NoValue } from "../../ui/no-value";
import { PageHeading } from "../../ui/page-heading";
import { TableRegion } from "../../ui/table-region";
import { useMembers } from "./use-members";

type SearchValues = z.input<typeof staffSearchQuerySchema>;
type SearchOutput = z.output<typeof staffSearchQuerySchema>;
const FIELDS = [{ name: "q", id: "q" }] as const;
const resolver = zodResolver(staffSearchQuerySchema);

/** The search of this history entry, if any. */
function searchOf(state: unknown): string {
  if (typeof state !== "object" || state === null) return "";
  const { q } = state as { q?: unknown };
  return typeof q === "string" ? q : "";
}

/**
 * The console's home: one field for a NIR, an address or a name. The search is kept in
 * the history entry's state, not in the address: "Précédent" from a member's page finds
 * the results again, and a NIR or an address typed here never sits in a URL (a reload
 * would send it to the server, the browser's history would keep it).
 */
export function SearchPage() {
  usePageTitle("Rechercher un adhérent");
  const location = useLocation();
  const navigate = useNavigate();
  const { notice } = readRedirectState(location.state);
  const q = searchOf(location.state);
  const members = useMembers(q);
  const [attempt, setAttempt] = useState(0);
  const form = useForm<SearchValues, unknown, SearchOutput>({
    resolver,
    // Follows the address: "Précédent" shows the earlier search in the field too.
    values: { q },
    shouldFocusError: false,
  });
  const { errors, submitCount } = form.formState;

  // A refused search puts the server's word by the field.
  const { error } = members;
  useEffect(() => {
    if (!isApiError(error, "VALIDATION_ERROR")) return;
    if (applyServerFieldErrors(error, ["q"], form.setError) > 0) setAttempt((n) => n + 1);
  }, [error, form]);

  const onSubmit = form.handleSubmit(
    (values) => {
      if (values.q === q) void members.refetch();
      else void navigate({ pathname: location.pathname }, { state: { q: values.q } });
    },
    () => setAttempt((n) => n + 1),
  );

  const items = submitCount > 0 || errors.q?.type === "server" ? summaryItems(errors, FIELDS) : [];
  const refusal = members.isError && !isApiError(error, "VALIDATION_ERROR") ? error?.message : null;

  return (
    <>
      <PageHeading>Rechercher un adhérent</PageHeading>
      {notice === "superviseur-only" ? (
        <Alert>
          <p>{NOTICE_TEXT[notice]}</p>
        </Alert>
      ) : null}
      <ErrorSummary items={items} attempt={attempt} />
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is unknown to older browsers and to jsdom; the role on the form is the long-supported way. */}
      <form className="form search-form" noValidate onSubmit={onSubmit} role="search">
        <TextField
          id="q"
          type="search"
          label="Rechercher un adhérent"
          hint="Numéro de sécurité sociale, adresse email ou nom (avec la date de naissance pour affiner : « Dupont 15/08/1990 »)."
          error={errors.q?.message}
          spellCheck={false}
          autoCapitalize="none"
          autoComplete="off"
          {...form.register("q")}
        />
        <button type="submit" className="button">
          Rechercher
        </button>
      </form>

      {refusal ? (
        <Alert>
          <p>{refusal}</p>
        </Alert>
      ) : null}
      <p role="status" className="result-count">
        {q === ""
          ? ""
          : members.isFetching && !members.data
            ? "Recherche en cours…"
            : members.data
              ? resultCount(members.data.length)
              : ""}
      </p>
      {members.data && members.data.length > 0 ? <Results members={members.data} /> : null}
    </>
  );
}

function resultCount(n: number): string {
  if (n === 0) return "Aucun adhérent ne correspond à cette recherche.";
  return n === 1 ? "1 adhérent trouvé." : `${n} adhérents trouvés.`;
}

function Results({ members }: { members: StaffMemberSummary[] }) {
  return (
    <TableRegion label="Résultats de la recherche">
      <table className="table">
        <caption className="visually-hidden">Adhérents trouvés</caption>
        <thead>
          <tr>
            <th scope="col">Nom</th>
            <th scope="col">Prénom</th>
            <th scope="col">Date de naissance</th>
            <th scope="col">NIR</th>
            <th scope="col">État</th>
            <th scope="col">Identifiant</th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.id}>
              <th scope="row">
                <Link to={memberPage(member.id)}>
                  {member.lastName}
                  <span className="visually-hidden"> {member.firstName}, voir la fiche</span>
                </Link>
              </th>
              <td>{member.firstName}</td>
              <td>{formatBirthDate(member.birthDate)}</td>
              <td className="nowrap">{member.nirMasked}</td>
              <td>{STAFF_STATE_LABELS[member.state] ?? member.state}</td>
              <td className="break">{member.identifier ?? <NoValue />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

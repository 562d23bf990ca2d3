import {
  REASON_MIN_LENGTH,
  staffContactEmailRequestSchema,
  staffReasonRequestSchema,
} from "@mgen/contracts/staff";
import { TextAreaField, TextField } from "@mgen/ui/field";
import { type ReactNode, useId, useState } from "react";
import { type Resolver, useForm } from "react-hook-form";
import { isApiError } from "../../lib/api";
import { applyServerFieldErrors, fieldErrorsOf, summaryItems } from "../../lib/form-errors";
import { ErrorSummary } from "../../ui/error-summary";
import { useMemberAction } from "./use-member";

/** One action of OPERATIONS.md §2 as the member's page offers it. */
export type MemberAction = {
  /** The route's last segment: `/api/staff/members/:id/<path>`. */
  path:
    | "unlock"
    | "send-reset"
    | "resend-validation"
    | "cancel-pending"
    | "contact-email"
    | "end-sessions";
  title: string;
  description: ReactNode;
  button: string;
  /** What the status message says once done ("Espace débloqué"). */
  done: string;
  /** Correcting the contact address asks for the new one. */
  withEmail?: boolean;
};

type ActionValues = { reason: string; email: string };
type ActionBody = { reason: string; email?: string };

/** The contracts' body schema of the action judges the form; the address only if asked. */
function actionResolver(withEmail: boolean): Resolver<ActionValues> {
  return async ({ reason, email }) => {
    const parsed = withEmail
      ? staffContactEmailRequestSchema.safeParse({ email, reason })
      : staffReasonRequestSchema.safeParse({ reason });
    if (parsed.success) return { values: { email: "", ...parsed.data }, errors: {} };
    return { values: {}, errors: fieldErrorsOf(parsed.error.issues, ["reason", "email"]) };
  };
}
const REASON_ONLY = actionResolver(false);
const WITH_EMAIL = actionResolver(true);

/**
 * A small form for one action: the written reason every action asks (and the address
 * for a correction), and its button. What the server refuses shows by the field or at
 * the top of the form; what was done is told by the page (`onDone`).
 */
export function ActionForm({
  memberId,
  action,
  onDone,
}: {
  memberId: string;
  action: MemberAction;
  onDone: (message: string) => void;
}) {
  const id = `action-${action.path}`;
  const headingId = useId();
  const run = useMemberAction(memberId, action.path);
  const [problem, setProblem] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const form = useForm<ActionValues>({
    resolver: action.withEmail ? WITH_EMAIL : REASON_ONLY,
    defaultValues: { email: "", reason: "" },
    shouldFocusError: false,
  });
  const { errors, submitCount } = form.formState;
  const fields = [
    ...(action.withEmail ? [{ name: "email", id: `${id}-email` }] : []),
    { name: "reason", id: `${id}-reason` },
  ];

  const onSubmit = form.handleSubmit(
    (values) => {
      if (run.isPending) return;
      setProblem(undefined);
      const body: ActionBody = action.withEmail ? values : { reason: values.reason };
      run.mutate(body, {
        onSuccess: () => {
          form.reset();
          onDone(action.done);
        },
        onError: (error) => {
          const placed = isApiError(error, "VALIDATION_ERROR")
            ? applyServerFieldErrors(error, ["reason", "email"], form.setError)
            : 0;
          if (placed === 0) setProblem(error.message);
          setAttempt((n) => n + 1);
        },
      });
    },
    () => setAttempt((n) => n + 1),
  );

  const items = submitCount > 0 ? summaryItems(errors, fields) : [];
  return (
    <div className="action-card">
      <h3 id={headingId}>{action.title}</h3>
      <div className="action-card__description">{action.description}</div>
      <form noValidate onSubmit={onSubmit} aria-labelledby={headingId}>
        <ErrorSummary message={problem} items={items} attempt={attempt} />
        {action.withEmail ? (
          <TextField
            id={`${id}-email`}
            type="email"
            label="Nouvelle adresse de contact"
            error={errors.email?.message}
            autoComplete="off"
            spellCheck={false}
            autoCapitalize="none"
            {...form.register("email")}
          />
        ) : null}
        <TextAreaField
          id={`${id}-reason`}
          label="Motif"
          hint={`${REASON_MIN_LENGTH} caractères au moins : ce que l'adhérent a demandé, et pourquoi.`}
          error={errors.reason?.message}
          {...form.register("reason")}
        />
        <button type="submit" className="button" disabled={run.isPending}>
          {action.button}
        </button>
      </form>
    </div>
  );
}

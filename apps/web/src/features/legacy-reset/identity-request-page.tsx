import { zodResolver } from "@hookform/resolvers/zod";
import { PAGES } from "@mgen/contracts/rules";
import { TextField } from "@mgen/ui/field";
import { Alert } from "@mgen/ui/messages";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { EMPTY_BIRTH_DATE, invalidBirthDateParts } from "../../lib/birth-date";
import { summaryItems } from "../../lib/form-errors";
import { nirComplete } from "../../lib/nir-check";
import { usePageTitle } from "../../lib/page-title";
import { BirthDateField, birthDateInputId } from "../../ui/birth-date-field";
import { ErrorSummary } from "../../ui/error-summary";
import { MemberService } from "../../ui/member-service";
import { PageHeading } from "../../ui/page-heading";
import {
  describeIdentityRequestError,
  type IdentityOutput,
  type IdentityProblem,
  type IdentityValues,
  identityFormSchema,
  type LegacyRequestKind,
  SENT_TITLE,
  VARIANTS,
} from "./identity-request";
import { useLegacyIdentityRequest } from "./use-legacy-reset";

/** `/mot-de-passe-oublie` (D): a reset link, asked with the NIR and the date of birth. */
export function ForgotPasswordPage() {
  return <IdentityRequestPage kind="forgot-password" />;
}

/** `/debloquer-mon-compte` (D): the same link, worded for a locked Espace. */
export function UnlockPage() {
  return <IdentityRequestPage kind="unlock" />;
}

function IdentityRequestPage({ kind }: { kind: LegacyRequestKind }) {
  const variant = VARIANTS[kind];
  const request = useLegacyIdentityRequest(kind);
  const title = request.data ? SENT_TITLE : variant.title;
  usePageTitle(title);
  return (
    <>
      <PageHeading focusKey={request.data ? "sent" : "form"}>{title}</PageHeading>
      {request.data ? (
        <Sent kind={kind} message={request.data.message} />
      ) : (
        <IdentityForm kind={kind} request={request} />
      )}
    </>
  );
}

/**
 * The same answer whatever the NIR and date: it reveals nothing, so the advice for a
 * member without a contact email is always there.
 */
function Sent({ kind, message }: { kind: LegacyRequestKind; message: string }) {
  const { help } = VARIANTS[kind];
  return (
    <>
      <div className="message message--success">
        <p>{message}</p>
        <p>Le lien est valable 1 heure. Pensez à vérifier vos courriers indésirables.</p>
      </div>
      <p>
        Vous n'avez pas d'adresse email de contact, ou vous ne recevez rien ? Appelez{" "}
        <MemberService />
        &nbsp;: un conseiller vous aidera.
      </p>
      <ul className="link-list">
        <li>
          <Link to={PAGES.signIn}>Revenir à la connexion</Link>
        </li>
        <li>
          <Link to={help.to}>{help.label}</Link>
        </li>
      </ul>
    </>
  );
}

const DATE_ID = "birth-date";

type FormProps = {
  kind: LegacyRequestKind;
  request: ReturnType<typeof useLegacyIdentityRequest>;
};

function IdentityForm({ kind, request }: FormProps) {
  const variant = VARIANTS[kind];
  const [failure, setFailure] = useState<Extract<IdentityProblem, { kind: "alert" }> | null>(null);
  // Judged at submission (the NIR excepted, as on the sign-in page): an error appearing
  // as the focus leaves a field moves the button away from under the pointer.
  const form = useForm<IdentityValues, unknown, IdentityOutput>({
    resolver: zodResolver(identityFormSchema),
    defaultValues: { nir: "", birthDate: EMPTY_BIRTH_DATE },
  });
  const { errors, submitCount } = form.formState;
  const dateError = errors.birthDate?.message;
  const birthDate = form.watch("birthDate");
  const invalidParts = dateError ? invalidBirthDateParts(birthDate) : [];

  // A NIR is judged as soon as it is complete, and on leaving the field.
  const nir = form.register("nir", {
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => {
      if (submitCount > 0) return; // after a submission the form re-checks on every change
      if (nirComplete(event.target.value)) void form.trigger("nir");
      else form.clearErrors("nir");
    },
    onBlur: (event: React.FocusEvent<HTMLInputElement>) => {
      if (submitCount === 0 && event.target.value.trim() !== "") void form.trigger("nir");
    },
  });

  // The date's message belongs to the group, which the form does not re-check when one of
  // its parts changes: after a submission, check the group again at each change.
  const recheckDate = () => {
    if (submitCount > 0) void form.trigger("birthDate");
  };

  const focusDate = () => {
    const [first = "day"] = invalidBirthDateParts(form.getValues("birthDate"));
    form.setFocus(`birthDate.${first}`);
  };

  const onSubmit = form.handleSubmit(
    (values) => {
      if (request.isPending) return;
      setFailure(null);
      request.mutate(values, {
        onError: (error) => {
          const problem = describeIdentityRequestError(error);
          if (problem.kind === "alert") return setFailure(problem);
          const { nir: nirMessage, birthDate: dateMessage } = problem.fields;
          if (nirMessage) {
            form.setError("nir", { type: "server", message: nirMessage }, { shouldFocus: true });
          }
          if (dateMessage) {
            form.setError("birthDate", { type: "server", message: dateMessage });
            if (!nirMessage) focusDate();
          }
        },
      });
    },
    // The form's own focus skips the date (its error belongs to the group): do it here.
    (invalid) => {
      if (!invalid.nir && invalid.birthDate) focusDate();
    },
  );

  const fields = [
    { name: "nir", id: "nir" },
    { name: "birthDate", id: birthDateInputId(DATE_ID, invalidParts[0] ?? "day") },
  ];
  const summary = submitCount > 0 ? summaryItems(errors, fields) : [];

  return (
    <>
      {failure ? (
        <Alert>
          <p>{failure.message}</p>
          {failure.hint ? <p>{failure.hint}</p> : null}
        </Alert>
      ) : null}
      <ErrorSummary items={summary} />
      <p>{variant.intro}</p>
      <form className="form" noValidate onSubmit={onSubmit}>
        <TextField
          id="nir"
          label="Numéro de sécurité sociale"
          hint="15 caractères, clé comprise, par exemple 2 90 08 69 123 045 11"
          error={errors.nir?.message}
          autoComplete="off"
          spellCheck={false}
          {...nir}
        />
        <BirthDateField
          id={DATE_ID}
          error={dateError}
          invalid={invalidParts}
          inputs={{
            day: form.register("birthDate.day", { onChange: recheckDate }),
            month: form.register("birthDate.month", { onChange: recheckDate }),
            year: form.register("birthDate.year", { onChange: recheckDate }),
          }}
          onPasteDate={(parts) => {
            form.setValue("birthDate", parts, { shouldDirty: true });
            recheckDate();
          }}
        />
        <button type="submit" className="button">
          {variant.submit}
        </button>
      </form>
      <p>
        Vous vous connectez déjà avec votre adresse email (identifiant MGEN Connect) ?{" "}
        <Link to={PAGES.connectForgotPassword}>
          Réinitialisez le mot de passe de votre identifiant MGEN Connect
        </Link>
        .
      </p>
      <ul className="link-list">
        <li>
          <Link to={variant.other.to}>{variant.other.label}</Link>
        </li>
        <li>
          <Link to={PAGES.signIn}>Revenir à la connexion</Link>
        </li>
        <li>
          <Link to={variant.help.to}>{variant.help.label}</Link>
        </li>
      </ul>
    </>
  );
}

import { Alert, Loading, Notice } from "@mgen/ui/messages";
import { useLocation } from "react-router";
import { formatLongDate } from "../../lib/dates";
import { noticeText, readNotice } from "../../lib/notices";
import { usePageTitle } from "../../lib/page-title";
import { PageHeading } from "../../ui/page-heading";
import { SignOutButton } from "../../ui/sign-out-button";
import { useMe } from "./use-me";

/** Stands for the real member area (E): who is signed in, with which identifier. */
export function MemberPage() {
  usePageTitle("Votre Espace personnel");
  const location = useLocation();
  const notice = readNotice(location.state);
  const me = useMe();

  if (!me.data) {
    if (me.isError) {
      return (
        <Alert>
          <p>{me.error.message}</p>
          <button type="button" className="button" onClick={() => void me.refetch()}>
            Réessayer
          </button>
        </Alert>
      );
    }
    return <Loading />;
  }

  const { firstName, email, migratedAt } = me.data;
  return (
    <>
      <PageHeading>{`Bonjour ${firstName}`}</PageHeading>
      {notice?.notice === "migrated" ? <Notice>{noticeText(notice)}</Notice> : null}
      <div className="panel">
        <p className="chosen-email">
          Votre identifiant de connexion : <strong>{email}</strong>
        </p>
        <p>Identifiant changé le {formatLongDate(migratedAt)}</p>
      </div>
      <SignOutButton />
    </>
  );
}

import { TextField } from "@mgen/ui/field";
import { Alert, Loading } from "@mgen/ui/messages";
import { useMemo, useState } from "react";
import { isApiError } from "../../lib/api";
import { formatDateTime } from "../../lib/dates";
import { usePageTitle } from "../../lib/page-title";
import { PageHeading } from "../../ui/page-heading";
import { newestFirst } from "./mailbox";
import { MessageView } from "./message-view";
import { useClearMailbox, useMailbox } from "./use-mailbox";

/** The development mail catcher: every email the application sent, to read its links. */
export function MailboxPage() {
  usePageTitle("Boîte de réception de développement");
  const [draft, setDraft] = useState("");
  const [to, setTo] = useState("");
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const mailbox = useMailbox(to);
  const clear = useClearMailbox();
  const messages = useMemo(() => newestFirst(mailbox.data ?? []), [mailbox.data]);
  const selected = messages.find((m) => m.id === selectedId) ?? null;

  if (isApiError(mailbox.error) && mailbox.error.status === 404) {
    return (
      <>
        <PageHeading>Boîte de réception de développement</PageHeading>
        <p>
          Cette boîte de réception n'existe qu'en développement : elle n'est pas disponible sur ce
          serveur.
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeading>Boîte de réception de développement</PageHeading>
      <p className="muted">Les emails envoyés par l'application, du plus récent au plus ancien.</p>

      <form
        className="mailbox-toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          setTo(draft);
          setSelectedId(null);
        }}
      >
        <TextField
          id="mailbox-to"
          type="email"
          label="Destinataire"
          hint="Laissez vide pour tout afficher."
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          autoComplete="off"
          spellCheck={false}
        />
        <button type="submit" className="button button--secondary">
          Filtrer
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void mailbox.refetch()}
        >
          Actualiser
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => clear.mutate(undefined, { onSuccess: () => setSelectedId(null) })}
        >
          Vider la boîte
        </button>
      </form>

      {mailbox.isError ? (
        <Alert>
          <p>{mailbox.error.message}</p>
        </Alert>
      ) : null}
      {clear.isError ? (
        <Alert>
          <p>{clear.error.message}</p>
        </Alert>
      ) : null}
      {mailbox.isPending ? <Loading /> : null}

      {mailbox.data ? (
        <p role="status">
          {messages.length === 0
            ? "Aucun message."
            : `${messages.length} message${messages.length > 1 ? "s" : ""}.`}
        </p>
      ) : null}
      <ul className="mailbox-list">
        {messages.map((message) => (
          <li key={message.id}>
            <button
              type="button"
              className="mailbox-item"
              aria-current={message.id === selectedId ? "true" : undefined}
              onClick={() => setSelectedId(message.id)}
            >
              <span className="mailbox-item__subject">{message.subject}</span>
              <span className="mailbox-item__meta">
                À {message.to} – {formatDateTime(message.receivedAt)}
              </span>
            </button>
          </li>
        ))}
      </ul>

      {selected ? <MessageView message={selected} /> : null}
    </>
  );
}

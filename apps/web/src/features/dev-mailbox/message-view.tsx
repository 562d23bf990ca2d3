import type { MailboxMessage } from "@mgen/contracts";
import { formatDateTime } from "../../lib/dates";
import { isWebLink } from "./mailbox";

export function MessageView({ message }: { message: MailboxMessage }) {
  const links = message.links.filter(isWebLink);
  return (
    <article aria-labelledby="message-subject">
      <h2 id="message-subject">{message.subject}</h2>
      <p>
        À : {message.to}
        <br />
        Reçu le {formatDateTime(message.receivedAt)}
      </p>
      <h3>Liens</h3>
      {links.length > 0 ? (
        <ul className="mailbox-links">
          {links.map((link) => (
            <li key={link}>
              <a href={link}>{link}</a>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Ce message ne contient aucun lien.</p>
      )}
      <h3>Texte</h3>
      <pre className="mailbox-text">{message.text}</pre>
      <h3>Version HTML</h3>
      <iframe
        className="mailbox-html"
        sandbox=""
        src={`/api/dev/mailbox/${encodeURIComponent(message.id)}/html`}
        title="Version HTML"
      />
    </article>
  );
}

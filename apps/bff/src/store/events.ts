import { sql } from "drizzle-orm";
import type { Executor } from "../db/engine";
import type { EventChannel, SecurityEventName } from "../db/vocabulary";

/** The append-only table of security events. */
export async function insertEvent(
  x: Executor,
  e: {
    at: number;
    event: SecurityEventName;
    channel: EventChannel;
    memberId: number | null;
    identityId: number | null;
    subject: string;
    requestId: string | null;
    client: string | null;
  },
): Promise<void> {
  await x.run(
    sql`INSERT INTO security_events (at, event, channel, member_id, identity_id, subject, request_id, client)
        VALUES (${e.at}, ${e.event}, ${e.channel}, ${e.memberId}, ${e.identityId}, ${e.subject}, ${e.requestId}, ${e.client})`,
  );
}

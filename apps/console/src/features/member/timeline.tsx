import type { StaffTimelineEntry } from "@mgen/contracts/staff";
import { formatDateTime } from "../../lib/dates";
import { channelLabel, eventLabel } from "../../lib/labels";
import { TableRegion } from "../../ui/table-region";

/** Newest first, whatever order the answer came in. */
export function newestFirst(entries: StaffTimelineEntry[]): StaffTimelineEntry[] {
  return [...entries].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));
}

/** The member's security events (SPEC "Security events"), newest first. */
export function Timeline({ entries }: { entries: StaffTimelineEntry[] }) {
  if (entries.length === 0) return <p>Aucun événement enregistré pour cet adhérent.</p>;
  return (
    <TableRegion label="Tableau des événements">
      <table className="table">
        <caption className="visually-hidden">Événements, du plus récent au plus ancien</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Événement</th>
            <th scope="col">Canal</th>
          </tr>
        </thead>
        <tbody>
          {newestFirst(entries).map((entry, index) => (
            // Two events may share a time and a name: the position tells them apart.
            <tr key={`${entry.at}-${entry.event}-${index}`}>
              <td className="nowrap">{formatDateTime(entry.at)}</td>
              <td>{eventLabel(entry.event)}</td>
              <td>{channelLabel(entry.channel)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

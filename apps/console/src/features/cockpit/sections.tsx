import {
  DAILY_METRIC_LABELS,
  DAILY_METRICS,
  type DailyMetric,
  DROP_OFF_LABELS,
  DROP_OFF_REASONS,
  FUNNEL_FLAGS,
  FUNNEL_STATE_LABELS,
  FUNNEL_STATES,
  type Funnel,
  type FunnelDay,
  MIGRATION_PATH_LABELS,
  MIGRATION_PATHS,
} from "@mgen/contracts/staff";
import { useMemo } from "react";
import { TableRegion } from "../../ui/table-region";
import { type Bar, barsChart, seriesChart } from "./charts";
import { type Count, CountRow, CountTable, FigureSection, type Share } from "./figure";
import { formatCount, formatShare, formatShortDay, parseDay } from "./format";
import { PlotChart } from "./plot-chart";

/** Bars of `rows` in their order, each written "label : count (share)". */
function barsOf(rows: Count[], whole?: number): Bar[] {
  return rows.map(({ label, count }) => {
    const share = whole === undefined ? "" : ` (${formatShare(count, whole)})`;
    return { label, count, text: `${label} : ${formatCount(count)}${share}` };
  });
}

/** What a bar chart says to a screen reader: every bar's text. */
function describeBars(title: string, bars: Bar[]): string {
  return `${title}, en barres horizontales : ${bars.map((bar) => bar.text).join(" ; ")}.`;
}

/** The funnel: each Espace in one of four states; locked and no-password ones apart. */
export function StatesSection({ total, states }: Pick<Funnel, "total" | "states">) {
  const { rows, bars } = useMemo(() => {
    const rows = FUNNEL_STATES.map((state) => ({
      key: state,
      label: FUNNEL_STATE_LABELS[state],
      count: states[state],
    }));
    return { rows, bars: barsOf(rows, total) };
  }, [states, total]);
  const chart = useMemo(() => barsChart(bars, "Espaces"), [bars]);
  const share: Share = { head: "Part", whole: total };

  return (
    <FigureSection
      title={`Où en sont les ${formatCount(total)} Espaces`}
      intro={
        <p>
          Chaque Espace est dans un seul de ces quatre états. Les Espaces bloqués et ceux sans mot
          de passe sont comptés à part, sous le tableau : ils sont aussi dans l'un des quatre états.
        </p>
      }
      chart={<PlotChart label={describeBars("Espaces par état", bars)} options={chart} />}
      table={
        <CountTable
          caption="Espaces par état"
          labelHead="État"
          countHead="Espaces"
          rows={rows}
          share={share}
        >
          <tbody>
            <CountRow label="Total" count={total} share={share} className="cockpit-table__total" />
          </tbody>
          <tbody>
            <tr>
              <th scope="rowgroup" colSpan={3} className="cockpit-table__group">
                À part (déjà comptés dans les états ci-dessus)
              </th>
            </tr>
            {FUNNEL_FLAGS.map((flag) => (
              <CountRow
                key={flag}
                label={FUNNEL_STATE_LABELS[flag]}
                count={states[flag]}
                share={share}
              />
            ))}
          </tbody>
        </CountTable>
      }
    />
  );
}

/** The migrated Espaces by the way they migrated. */
export function PathsSection({ migratedBy }: Pick<Funnel, "migratedBy">) {
  const { rows, bars, whole } = useMemo(() => {
    const rows = MIGRATION_PATHS.map((path) => ({
      key: path,
      label: MIGRATION_PATH_LABELS[path],
      count: migratedBy[path],
    }));
    const whole = rows.reduce((sum, row) => sum + row.count, 0);
    return { rows, bars: barsOf(rows, whole), whole };
  }, [migratedBy]);
  const chart = useMemo(() => barsChart(bars, "Espaces migrés"), [bars]);

  return (
    <FigureSection
      title="Comment les adhérents ont migré"
      chart={<PlotChart label={describeBars("Migrations par chemin", bars)} options={chart} />}
      table={
        <CountTable
          caption="Migrations par chemin"
          labelHead="Chemin"
          countHead="Espaces migrés"
          rows={rows}
          share={{ head: "Part", whole }}
        />
      }
    />
  );
}

/** The metrics drawn: the migration's progress. Locks and resets are in the table. */
const CHARTED: DailyMetric[] = ["migrated", "started", "linksSent", "linksOpened"];

/** Day by day, oldest first: curves of the charted metrics, every metric in the table. */
export function DailySection({ daily }: Pick<Funnel, "daily">) {
  const days = useMemo(() => [...daily].sort((a, b) => a.date.localeCompare(b.date)), [daily]);
  const chart = useMemo(
    () =>
      seriesChart(
        CHARTED.map((metric) => ({
          label: DAILY_METRIC_LABELS[metric],
          points: days.map((day) => ({ date: parseDay(day.date), count: day[metric] })),
        })),
      ),
    [days],
  );
  const first = days[0];
  const last = days.at(-1);
  const title = days.length > 1 ? `Chaque jour, les ${days.length} derniers jours` : "Chaque jour";

  if (!first || !last) {
    return <FigureSection title={title} intro={<p>Pas encore de chiffres par jour.</p>} />;
  }
  const totals = CHARTED.map(
    (metric) =>
      `${DAILY_METRIC_LABELS[metric]}, ${formatCount(days.reduce((sum, day) => sum + day[metric], 0))} en tout`,
  );
  const label = `Courbes jour par jour, du ${formatShortDay(first.date)} au ${formatShortDay(last.date)} : ${totals.join(" ; ")}.`;

  return (
    <FigureSection
      title={title}
      stacked
      intro={
        <p>
          Jours du calendrier, heure de Paris. Le graphique suit la migration et les liens de
          validation ; le tableau ajoute les blocages et les mots de passe réinitialisés.
        </p>
      }
      chart={<PlotChart label={label} options={chart} />}
      table={<DailyTable days={days} />}
    />
  );
}

function DailyTable({ days }: { days: FunnelDay[] }) {
  const caption = "Chiffres de chaque jour, du plus ancien au plus récent";
  return (
    <TableRegion label={`Tableau : ${caption}`}>
      <table className="table cockpit-table cockpit-table--daily">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Jour</th>
            {DAILY_METRICS.map((metric) => (
              <th key={metric} scope="col" className="number">
                {DAILY_METRIC_LABELS[metric]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {days.map((day) => (
            <tr key={day.date}>
              <th scope="row" className="nowrap">
                {formatShortDay(day.date)}
              </th>
              {DAILY_METRICS.map((metric) => (
                <td key={metric} className="number">
                  {formatCount(day[metric])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

/** Why members stop, the most frequent reason first. */
export function DropOffSection({ dropOff }: Pick<Funnel, "dropOff">) {
  const { rows, bars } = useMemo(() => {
    const counts = new Map(dropOff.map(({ reason, count }) => [reason, count]));
    // Every reason is shown, a missing one as 0; ties keep the contract's order.
    const rows = DROP_OFF_REASONS.map((reason) => ({
      key: reason,
      label: DROP_OFF_LABELS[reason],
      count: counts.get(reason) ?? 0,
    })).sort((a, b) => b.count - a.count);
    return { rows, bars: barsOf(rows) };
  }, [dropOff]);
  const chart = useMemo(() => barsChart(bars, "Nombre"), [bars]);

  return (
    <FigureSection
      title="Pourquoi des adhérents décrochent"
      intro={<p>Du motif le plus fréquent au moins fréquent.</p>}
      chart={<PlotChart label={describeBars("Décrochages par motif", bars)} options={chart} />}
      table={
        <CountTable
          caption="Décrochages par motif"
          labelHead="Motif"
          countHead="Nombre"
          rows={rows}
        />
      }
    />
  );
}

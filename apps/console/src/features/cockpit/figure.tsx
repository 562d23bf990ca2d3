import { type ReactNode, useId } from "react";
import { TableRegion } from "../../ui/table-region";
import { formatCount, formatShare } from "./format";

/**
 * One of the cockpit's sections: its title, a word on how to read it, then a chart and
 * the table of its figures, side by side on a wide screen, one below the other on a
 * narrow one (`stacked`: always one below the other, for a table too wide for half).
 * Without figures (no day counted yet), the title and the word only.
 */
export function FigureSection({
  title,
  intro,
  chart,
  table,
  stacked = false,
}: {
  title: string;
  intro?: ReactNode;
  chart?: ReactNode;
  table?: ReactNode;
  stacked?: boolean;
}) {
  const id = useId();
  return (
    <section className="cockpit-section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {intro}
      {chart ? (
        <div className={stacked ? "cockpit-figure cockpit-figure--stacked" : "cockpit-figure"}>
          {chart}
          {table}
        </div>
      ) : null}
    </section>
  );
}

export type Count = { key: string; label: string; count: number };

/** A share column: each row's part of `whole`. */
export type Share = { head: string; whole: number };

/**
 * A table of counts: one row per `rows` item, its count and, with `share`, its part of
 * the whole; `children` adds row groups after them (a total, rows counted apart).
 */
export function CountTable({
  caption,
  labelHead,
  countHead,
  rows,
  share,
  children,
}: {
  caption: string;
  labelHead: string;
  countHead: string;
  rows: Count[];
  share?: Share;
  children?: ReactNode;
}) {
  return (
    <TableRegion label={`Tableau : ${caption}`}>
      <table className="table cockpit-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHead}</th>
            <th scope="col" className="number">
              {countHead}
            </th>
            {share ? (
              <th scope="col" className="number">
                {share.head}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <CountRow key={row.key} label={row.label} count={row.count} share={share} />
          ))}
        </tbody>
        {children}
      </table>
    </TableRegion>
  );
}

export function CountRow({
  label,
  count,
  share,
  className,
}: {
  label: string;
  count: number;
  share?: Share | undefined;
  className?: string;
}) {
  return (
    <tr className={className}>
      <th scope="row">{label}</th>
      <td className="number">{formatCount(count)}</td>
      {share ? <td className="number">{formatShare(count, share.whole)}</td> : null}
    </tr>
  );
}

/** An empty cell or detail: a dash to the eye, a word to a screen reader. */
export function NoValue({ word = "aucun" }: { word?: string }) {
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{word}</span>
    </>
  );
}

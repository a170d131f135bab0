/** Scenario files that could not be loaded, with each located problem, for trainers and admins. */
export function LibraryProblems({ problems }: { problems: { fileName: string; problems: string[] }[] }) {
  if (problems.length === 0) return null;
  return (
    <section className="notice" aria-labelledby="library-problems-heading">
      <h2 id="library-problems-heading">Scenario files that could not be loaded</h2>
      <p>
        These files were skipped when Heartwork started; everything else in the library loaded. Fix the problems below (run{" "}
        <code>npm run scenarios:check</code> to check again) and restart.
      </p>
      {problems.map((entry) => (
        <div key={entry.fileName}>
          <h3>{entry.fileName}</h3>
          <ul>
            {entry.problems.map((line) => (
              <li key={line}>
                <code>{line}</code>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

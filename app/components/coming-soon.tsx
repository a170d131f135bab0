/** A page whose feature has not landed yet: says so plainly, and what it will do. */
export function ComingSoon({ title, description, plans }: { title: string; description: string; plans: string[] }) {
  return (
    <div className="stack">
      <h1>{title}</h1>
      <p className="lede">{description}</p>
      <div className="notice">
        <h2>Coming soon</h2>
        <p>This part of Heartwork is being built. When it is ready you will be able to:</p>
        <ul>
          {plans.map((plan) => (
            <li key={plan}>{plan}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}

export default function Loading() {
  return (
    <p className="text-sm text-zinc-500" role="status">
      Loading deployments…
    </p>
  );
}

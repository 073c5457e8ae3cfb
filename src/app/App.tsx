export function App() {
  return (
    <main>
      <h1>aio-dash</h1>
    </main>
  );
}

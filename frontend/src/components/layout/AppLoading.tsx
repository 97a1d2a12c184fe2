/** Shown while the first page's code loads. */
export function AppLoading() {
  return (
    <div aria-busy="true" className="flex min-h-dvh items-center justify-center">
      <img src="/favicon.svg" alt="ShopMe" className="size-10 animate-pulse" />
    </div>
  );
}

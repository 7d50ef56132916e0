/** 待办: every running deadline across cases, most urgent first (filled in below). */
export function WorkListScreen() {
  return <div data-testid="work-list">待办</div>;
}

/** What a page component receives: its route's `:params`. */
export interface PageProps {
  params: Record<string, string>;
}

import { QueryClientProvider } from "@tanstack/react-query";
import { BrowserRouter } from "react-router";
import { CONSOLE_BASE } from "../lib/pages";
import { createQueryClient } from "../lib/query-client";
import { AppRoutes } from "./router";

const queryClient = createQueryClient();

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <BrowserRouter basename={CONSOLE_BASE}>
        <AppRoutes />
      </BrowserRouter>
    </QueryClientProvider>
  );
}

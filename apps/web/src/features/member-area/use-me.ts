import { meResponseSchema } from "@mgen/contracts";
import { useQuery } from "@tanstack/react-query";
import { api } from "../../lib/api";

export function useMe() {
  return useQuery({
    queryKey: ["me"],
    queryFn: ({ signal }) => api.get("/api/me", meResponseSchema, signal),
  });
}

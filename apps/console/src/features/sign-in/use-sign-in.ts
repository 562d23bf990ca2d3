import type { StaffRole } from "@mgen/contracts/staff";
import { useMutation } from "@tanstack/react-query";
import { api } from "../../lib/api";

/** `POST /api/staff/login`: the password step; the answer asks for the TOTP code. */
export function usePasswordStep() {
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      api.post<{ mfa: "totp" }>("/api/staff/login", body),
  });
}

/** `POST /api/staff/login/totp`: the code step; the answer opens the staff session. */
export function useCodeStep() {
  return useMutation({
    mutationFn: (body: { code: string }) =>
      api.post<{ name: string; role: StaffRole }>("/api/staff/login/totp", body),
  });
}

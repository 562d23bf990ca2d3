import type { StaffEnrolmentInfo } from "@mgen/contracts/staff";
import { useMutation, useQuery } from "@tanstack/react-query";
import { api } from "../../lib/api";

/**
 * `POST /api/staff/enrolment/inspect {token}`: who the link enrols, and the TOTP secret
 * to install. A POST (the token stays out of URLs), asked once per page.
 */
export function useEnrolmentInfo(token: string) {
  return useQuery({
    queryKey: ["enrolment", token],
    queryFn: () => api.post<StaffEnrolmentInfo>("/api/staff/enrolment/inspect", { token }),
    enabled: token !== "",
    staleTime: Number.POSITIVE_INFINITY,
    refetchOnWindowFocus: false,
  });
}

/** `POST /api/staff/enrolment {token,password,code}`: the account is ready. */
export function useEnrol() {
  return useMutation({
    mutationFn: (body: { token: string; password: string; code: string }) =>
      api.post("/api/staff/enrolment", body),
  });
}

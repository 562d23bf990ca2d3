import { Route, Routes } from "react-router";
import { AuditPage } from "../features/audit/audit-page";
import { EnrolmentPage } from "../features/enrolment/enrolment-page";
import { MemberPage } from "../features/member/member-page";
import { SearchPage } from "../features/search/search-page";
import { SignInPage } from "../features/sign-in/sign-in-page";
import { CONSOLE_PAGES } from "../lib/pages";
import { RequireStaff, RequireSuperviseur } from "./guards";
import { Layout } from "./layout";
import { NotFoundPage } from "./not-found-page";

/**
 * Every page of the console, under the layout. Paths are relative to `/console` (the
 * router's basename). `/pilotage` (the migration cockpit, OPERATIONS.md §3) will sit
 * beside the journal, under the superviseurs' guard.
 */
export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route path={CONSOLE_PAGES.signIn} element={<SignInPage />} />
        <Route path={CONSOLE_PAGES.enrolment} element={<EnrolmentPage />} />
        <Route element={<RequireStaff />}>
          <Route path={CONSOLE_PAGES.search} element={<SearchPage />} />
          <Route path={CONSOLE_PAGES.member} element={<MemberPage />} />
          <Route element={<RequireSuperviseur />}>
            <Route path={CONSOLE_PAGES.audit} element={<AuditPage />} />
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

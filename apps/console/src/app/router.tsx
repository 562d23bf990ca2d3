import { Loading } from "@mgen/ui/messages";
import { lazy, Suspense } from "react";
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

// The cockpit comes with a charting library: loaded when a superviseur opens it.
const CockpitPage = lazy(() =>
  import("../features/cockpit/cockpit-page").then(({ CockpitPage }) => ({ default: CockpitPage })),
);

/**
 * Every page of the console, under the layout. Paths are relative to `/console` (the
 * router's basename). A lazy page that cannot be loaded (a new version was published
 * meanwhile) throws to the layout's error boundary, which asks for a reload.
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
            <Route
              path={CONSOLE_PAGES.cockpit}
              element={
                <Suspense fallback={<Loading />}>
                  <CockpitPage />
                </Suspense>
              }
            />
          </Route>
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

import { tokenFromFragment } from "@mgen/contracts/rules";
import { useEffect, useState } from "react";
import { useLocation, useNavigate } from "react-router";

/**
 * The token of a link's fragment (`#token=…`), read once; then the fragment leaves the
 * address bar and the history entry, so that the token is neither shown, bookmarked, nor
 * found by "Précédent". It lives on in memory only, and is sent in request bodies.
 */
export function useLinkToken(): string {
  const location = useLocation();
  const navigate = useNavigate();
  const [token] = useState(() => tokenFromFragment(location.hash));
  useEffect(() => {
    if (!location.hash) return;
    void navigate(
      { pathname: location.pathname, search: location.search },
      { replace: true, state: location.state },
    );
  }, [location, navigate]);
  return token;
}

/** Free email providers' sign-up pages, for members who have no address yet. */
export const EMAIL_PROVIDERS = [
  { name: "Gmail", href: "https://accounts.google.com/signup" },
  { name: "Outlook", href: "https://signup.live.com/" },
  { name: "Yahoo", href: "https://login.yahoo.com/account/create" },
] as const;

import { MEMBER_SERVICE } from "../lib/help";

/** "le service adhérents au 36 76 (du lundi au vendredi, de 8 h 30 à 18 h)", in a sentence. */
export function MemberService() {
  return (
    <>
      le service adhérents au <a href={MEMBER_SERVICE.tel}>{MEMBER_SERVICE.phone}</a>{" "}
      {`(${MEMBER_SERVICE.hours})`}
    </>
  );
}

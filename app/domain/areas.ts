/** What each area of Heartwork is for, in the words shown on the home page. */
export const AREA_DESCRIPTIONS: Record<string, string> = {
  "/practise": "Rehearse a difficult conversation in a branching role-play, then read the debrief.",
  "/journal": "Your reflective journal. Private to you unless you choose to share an entry.",
  "/supervision": "Your reflective supervision: sessions, agendas and agreed actions.",
  "/team": "Coaching time for the teams you lead: practice, reflection and supervision.",
  "/studio": "Write, review and publish scenarios with parent-carer reviewers.",
  "/admin": "People, teams, roles and invitations for your organisation.",
};

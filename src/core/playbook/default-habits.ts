/** The ten call habits a new workspace starts with. Habit 2 is the plan, habit 10 is momentum. */
export const DEFAULT_HABITS: readonly { key: string; name: string; description: string }[] = [
  {
    key: 'prepare',
    name: 'Do your homework',
    description: 'Research the account, the people on the call and what changed since last time.',
  },
  {
    key: 'plan',
    name: 'Make a plan',
    description:
      'Write down the objective, the decision process and the next milestones before you dial.',
  },
  {
    key: 'open',
    name: 'Open with an agenda',
    description:
      'Agree the purpose, the time and the outcome you both want in the first two minutes.',
  },
  {
    key: 'discover',
    name: 'Ask before you tell',
    description: 'Uncover the problem, its cost and who else feels it before presenting anything.',
  },
  {
    key: 'listen',
    name: 'Listen more than you talk',
    description: 'Let the customer do most of the talking; confirm what you heard in their words.',
  },
  {
    key: 'tailor',
    name: 'Tailor the story',
    description: 'Show only what answers the needs you just heard, in their language.',
  },
  {
    key: 'objections',
    name: 'Welcome objections',
    description: 'Draw concerns out, treat them as questions, and answer or park them explicitly.',
  },
  {
    key: 'next-steps',
    name: 'Agree the next step',
    description: 'Leave with a dated next step both sides have said yes to.',
  },
  {
    key: 'recap',
    name: 'Recap in writing',
    description: 'Send a short summary of what was heard, promised and agreed the same day.',
  },
  {
    key: 'momentum',
    name: 'Maintain momentum',
    description: 'Keep every promise early and keep the deal moving a little every day.',
  },
];

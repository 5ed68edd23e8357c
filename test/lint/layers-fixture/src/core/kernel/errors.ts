// allowed
export const problem = 'problem';

/** Texts of the command forms (src/app/forms): labels, hints, problems. */
export const nl = {
  'problem.conflict_of_interest':
    'Deze persoon is betrokken bij de klacht en kan deze rol niet krijgen (belangenverstrengeling).',
  'problem.already_assigned': 'Deze persoon heeft deze rol al bij deze klacht.',
  'problem.inactive': 'Deze persoon is niet meer actief in de organisatie.',
  'problem.not_eligible': 'Deze persoon kan deze rol bij deze klacht niet krijgen.',
  'form.subjectPersonId.hint': 'Verplicht als de klacht over een medewerker gaat.',
  'form.improvement.required_hint': 'Verplicht als u een verbetermaatregel invult.',
  'form.measure.required_hint': 'Verplicht bij een maatregel voor de hele organisatie.',
  'form.person.placeholder': 'Typ een naam…',
} as const;

export const en: Record<keyof typeof nl, string> = {
  'problem.conflict_of_interest':
    'This person is involved in the complaint and cannot take this role (conflict of interest).',
  'problem.already_assigned': 'This person already has this role in this complaint.',
  'problem.inactive': 'This person is no longer active in the organisation.',
  'problem.not_eligible': 'This person cannot take this role in this complaint.',
  'form.subjectPersonId.hint': 'Required when the complaint concerns an employee.',
  'form.improvement.required_hint': 'Required when you describe an improvement.',
  'form.measure.required_hint': 'Required for an organisation-wide measure.',
  'form.person.placeholder': 'Type a name…',
};

/** A question of the bank. `answer` is always choices[0] here; matches shuffle the choices. */
export interface Question {
  id: string;
  category: 'science' | 'geography' | 'history' | 'sports' | 'arts';
  difficulty: 1 | 2 | 3;
  text: string;
  /** The correct answer first, then the wrong ones. */
  choices: string[];
}

/** QuizVerse's starter bank. */
export const QUESTIONS: Question[] = [
  { id: 'sci-001', category: 'science', difficulty: 1, text: 'What is the chemical symbol for water?', choices: ['H2O', 'CO2', 'O2', 'NaCl'] },
  { id: 'sci-002', category: 'science', difficulty: 1, text: 'Which planet is known as the Red Planet?', choices: ['Mars', 'Venus', 'Jupiter', 'Mercury'] },
  { id: 'sci-003', category: 'science', difficulty: 2, text: 'What gas do plants absorb from the air?', choices: ['Carbon dioxide', 'Oxygen', 'Nitrogen', 'Helium'] },
  { id: 'sci-004', category: 'science', difficulty: 2, text: 'How many bones are in the adult human body?', choices: ['206', '186', '226', '196'] },
  { id: 'sci-005', category: 'science', difficulty: 3, text: 'What particle has no electric charge?', choices: ['Neutron', 'Proton', 'Electron', 'Positron'] },
  { id: 'geo-001', category: 'geography', difficulty: 1, text: 'What is the capital of France?', choices: ['Paris', 'Lyon', 'Marseille', 'Nice'] },
  { id: 'geo-002', category: 'geography', difficulty: 1, text: 'Which ocean is the largest?', choices: ['Pacific', 'Atlantic', 'Indian', 'Arctic'] },
  { id: 'geo-003', category: 'geography', difficulty: 2, text: 'Which river flows through Cairo?', choices: ['Nile', 'Euphrates', 'Niger', 'Congo'] },
  { id: 'geo-004', category: 'geography', difficulty: 2, text: 'What is the capital of Canada?', choices: ['Ottawa', 'Toronto', 'Montreal', 'Vancouver'] },
  { id: 'geo-005', category: 'geography', difficulty: 3, text: 'Which country has the most islands?', choices: ['Sweden', 'Indonesia', 'Philippines', 'Canada'] },
  { id: 'his-001', category: 'history', difficulty: 1, text: 'In which year did World War II end?', choices: ['1945', '1944', '1946', '1918'] },
  { id: 'his-002', category: 'history', difficulty: 2, text: 'Who was the first person to walk on the Moon?', choices: ['Neil Armstrong', 'Buzz Aldrin', 'Yuri Gagarin', 'John Glenn'] },
  { id: 'his-003', category: 'history', difficulty: 2, text: 'Which empire built Machu Picchu?', choices: ['Inca', 'Aztec', 'Maya', 'Olmec'] },
  { id: 'his-004', category: 'history', difficulty: 3, text: 'In which year did the Berlin Wall fall?', choices: ['1989', '1991', '1987', '1990'] },
  { id: 'spo-001', category: 'sports', difficulty: 1, text: 'How many players does a football (soccer) team field?', choices: ['11', '10', '12', '9'] },
  { id: 'spo-002', category: 'sports', difficulty: 2, text: 'In which sport is a shuttlecock used?', choices: ['Badminton', 'Tennis', 'Squash', 'Table tennis'] },
  { id: 'spo-003', category: 'sports', difficulty: 3, text: 'How many rings are on the Olympic flag?', choices: ['5', '4', '6', '7'] },
  { id: 'art-001', category: 'arts', difficulty: 1, text: 'Who painted the Mona Lisa?', choices: ['Leonardo da Vinci', 'Michelangelo', 'Raphael', 'Donatello'] },
  { id: 'art-002', category: 'arts', difficulty: 2, text: 'Who wrote "Romeo and Juliet"?', choices: ['William Shakespeare', 'Charles Dickens', 'Jane Austen', 'Homer'] },
  { id: 'art-003', category: 'arts', difficulty: 3, text: 'Which composer wrote the "Moonlight Sonata"?', choices: ['Beethoven', 'Mozart', 'Bach', 'Chopin'] },
];

/** Problems with a bank (ids unique, four distinct non-empty choices), each naming the question. */
export function validateQuestions(questions: Question[]): string[] {
  const problems: string[] = [];
  const seen: { [id: string]: true } = {};
  for (const q of questions) {
    if (seen[q.id]) problems.push(`question ${q.id}: id is used twice`);
    seen[q.id] = true;
    if (!q.text) problems.push(`question ${q.id}: text is empty`);
    const distinct = q.choices.filter((c, i) => c && q.choices.indexOf(c) === i);
    if (q.choices.length !== 4 || distinct.length !== 4) problems.push(`question ${q.id}: choices must be 4 distinct non-empty strings`);
  }
  return problems;
}

import { EVAL_QUERIES } from '../src/modules/directory/search.eval.ts';

/**
 * The queries: the 45 residents' queries of `npm run eval:search` and as many varied ones — single
 * common words, long sentences, misspellings, English, words the catalogue does not hold.
 */
export const VARIED_QUERIES = [
  'aiuto',
  'servizi sociali',
  'contributo',
  'assistenza',
  'anziani',
  'bambini',
  'lavoro',
  'casa',
  'disabilita',
  'famiglia',
  'non ho soldi per fare la spesa e ho tre figli piccoli',
  'mio padre anziano vive da solo e non riesce piu a cucinare',
  'ho perso il lavoro e devo pagare il mutuo e le bollette',
  'cerco un corso di italiano gratuito per stranieri la sera',
  'sono stata picchiata da mio marito ho paura',
  'asistenza domicilare',
  'contribbuto afitto',
  'psicologo gratis',
  'patronatto pensione',
  'sportelo stranieri',
  'help with bills',
  'elderly care at home',
  'free lawyer',
  'disabled parking permit',
  'mental health support',
  'xylofono',
  'zzz qqq',
  'bonus',
  'isee',
  'inps',
  'caf',
  'pua',
  'adi',
  'centro',
  'monza',
  'domanda online',
  'documento identita',
  'orari apertura',
  'telefono',
  'gratuito',
  'affitto casa popolare sfratto morosita bollette luce gas',
  'badante',
  'asilo nido',
  'dentista',
  'mensa',
];

export function directoryQueries(): string[] {
  return [...EVAL_QUERIES.map(([q]) => q), ...VARIED_QUERIES];
}

import { defaultCrisisWords } from '@confide/api';
import { describe, expect, it } from 'vitest';
import { crisisMatcher, normalizeWords, sameWord } from './crisis-matcher';

const matcher = crisisMatcher(defaultCrisisWords);

// Must be flagged: plain, inflected, misspelled, split, padded, shouted, Spanish with and without accents.
const mustMatch = [
  'I want to kill myself',
  "I've been thinking about killing myself",
  'I almost killed myself last night',
  'sometimes i think i should kil myself',
  'I want to kill my self',
  'I KEEP THINKING ABOUT SUICIDE',
  'thinking about sucide again',
  'i have been suicdal all week',
  'feeling suicidal tonight',
  'I had suiside thoughts',
  'I want to end my life',
  'I want to end my own life',
  'I am going to end it all',
  'I plan to take my own life',
  'I took an overdose last year and I might again',
  'thinking about overdosing on my pills',
  'I might overdoes on purpose',
  'I just want to die',
  'I really wnat to die',
  'I wanted to die yesterday',
  'i wanna die',
  'I wish I was dead',
  'everyone would be better off dead without me, me included',
  'I keep hurting myself',
  'I hurt myself again',
  'I want to harm myself',
  'self-harm is back',
  'I cut myself last night',
  'there is no reason to live',
  "life's not worth living",
  "I don't want to live anymore",
  'I dont want to live like this',
  'I do not want to live',
  "I don't want to be alive",
  'kms',
  'Estoy pensando en el suicidio',
  'Quiero suicidarme',
  'quiero matarme',
  'Me voy a matar',
  'voy a quitarme la vida',
  'Quiero acabar con mi vida',
  'quiero morir',
  'Quiero morirme ya',
  'Me quiero morir',
  'no quiero vivir más',
  'Ya no quiero seguir viviendo',
  'quiero hacerme daño',
  'quiero hacerme dano',
  'tome una sobredosis',
  'no vale la pena vivir',
  'estaría mejor muerta',
];

// Must not be flagged: idioms, near words, ordinary practice business.
const mustNotMatch = [
  'That was a killer workout',
  "I'm dying to see the new movie",
  'this traffic is killing me',
  'I could kill for a coffee right now',
  'my phone died during the session',
  'the battery is dead again',
  'I am dead tired after work',
  'that joke killed me',
  'I want to live a healthier life',
  'my life has improved so much',
  'the end of my lease is next month',
  'my bill is overdue',
  'the payment is overdue, sorry',
  'I hurt my knee skiing',
  'my back hurts',
  'he hurt himself playing soccer',
  'she cut her hair short',
  'I will myself to get up every morning',
  'I feel much better today',
  'can we move my appointment to Friday?',
  'please send the receipt for last month',
  'thanks for the worksheet, it helped',
  'I did the breathing exercises',
  'my insurance changed in January',
  'the dosage of my medication',
  'I take my medication every day',
  'we watched Die Hard',
  'I am killing it at work',
  'the plants died while I was away',
  'my dog is dying of old age and I am sad',
  'the deadline is killing me',
  'reason to celebrate',
  'I live alone now',
  'Quiero cambiar mi cita',
  'me muero de risa',
  'me muero de hambre',
  'estoy muerta de cansancio',
  'la vida es bella',
  'necesito un recibo',
  'mi seguro cambió',
  'Gracias por la ayuda',
  'Kim said hello',
  'selfie from the hike',
];

describe('R42 crisis matcher', () => {
  it('R42: the table has at least 40 phrases each way', () => {
    expect(mustMatch.length).toBeGreaterThanOrEqual(40);
    expect(mustNotMatch.length).toBeGreaterThanOrEqual(40);
  });

  it.each(mustMatch)('R42: flags %j', (text) => {
    expect(matcher.matches(text)).toBe(true);
  });

  it.each(mustNotMatch)('R42: does not flag %j', (text) => {
    expect(matcher.matches(text)).toBe(false);
  });

  it('R42: precision and recall on the table are both 1.0', () => {
    const truePositives = mustMatch.filter((t) => matcher.matches(t)).length;
    const falsePositives = mustNotMatch.filter((t) => matcher.matches(t)).length;
    const precision = truePositives / (truePositives + falsePositives);
    const recall = truePositives / mustMatch.length;
    expect({ precision, recall }).toEqual({ precision: 1, recall: 1 });
  });

  it('R42: known limits — a phrase inside ordinary words is still flagged (recall before precision)', () => {
    expect(matcher.matches("I don't want to live in this apartment anymore")).toBe(true);
    expect(matcher.matches('I overdosed on chocolate at the party')).toBe(true);
    expect(matcher.matches('I want to die my hair purple')).toBe(true);
  });

  it('R42: a long message is checked to its end', () => {
    const long = `${'We talked about the schedule and the homework for next week. '.repeat(3000)} I want to end my life`;
    expect(matcher.matches(long)).toBe(true);
    expect(matcher.matches(long.slice(0, -22))).toBe(false);
  });

  it('R42: a practice list replaces the defaults', () => {
    const own = crisisMatcher(['hopeless']);
    expect(own.matches('I feel so HOPELESS')).toBe(true);
    expect(own.matches('I want to kill myself')).toBe(false);
  });

  it('R42: normalising drops case, accents, apostrophes and doubled letters', () => {
    expect(normalizeWords("Don't  MORÍR — daño!!")).toEqual(['dont', 'morir', 'dano']);
    expect(normalizeWords('kiiiill')).toEqual(['kil']);
    expect(sameWord('suicde', 'suicide')).toBe(true);
    expect(sameWord('will', 'kill')).toBe(false);
  });
});

import { daysInMonth, type MonthIndex, monthKey } from './progress-calendar.js';

/** One month of attach progress: what each field counts is defined in progress.ts. */
export interface MonthFigures {
  month: string;
  /** Days of this month the figures cover: not before the journal began, not after today. */
  days: number;
  daysInMonth: number;
  /** The month of today: its figures are so far. */
  underway: boolean;
  /** Fewer than 3 moments: too little to read the month on its own. */
  littleData: boolean;
  moments: number;
  meanIntensity: number | null;
  strong: number;
  pausedAfterStrong: number;
  pauses: number;
  urgePassed: number;
  urgeAnswered: number;
  acted: number;
  actedAnswered: number;
  protest: number;
  followUps: number;
  fearCameTrue: number;
  fearAnswered: number;
  asksMade: number;
  asksLanded: number;
  landedAnswered: number;
  glimmers: number;
}

export function emptyMonth(index: MonthIndex, days: number, underway: boolean): MonthFigures {
  return {
    month: monthKey(index),
    days,
    daysInMonth: daysInMonth(index),
    underway,
    littleData: true,
    moments: 0,
    meanIntensity: null,
    strong: 0,
    pausedAfterStrong: 0,
    pauses: 0,
    urgePassed: 0,
    urgeAnswered: 0,
    acted: 0,
    actedAnswered: 0,
    protest: 0,
    followUps: 0,
    fearCameTrue: 0,
    fearAnswered: 0,
    asksMade: 0,
    asksLanded: 0,
    landedAnswered: 0,
    glimmers: 0,
  };
}

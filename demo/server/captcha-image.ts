/**
 * The image of the `auth0` bot-detection provider (Auth0's "Simple CAPTCHA"): characters to type, drawn by the
 * emulator itself as an SVG, with no external service. The SVG holds no text: each character is a set of
 * strokes from the small font below, each point moved a little, the whole glyph turned, slanted and sized at
 * random, and crossed by random curves. A script has to recognise shapes to read it. It stops nothing
 * determined; it makes the flow real.
 */
import { randomInt } from 'node:crypto'
import { randomString } from './codes'

/**
 * A stroke font on a 4 × 6 grid: each character's polylines as "x,y x,y ...". Only characters that cannot be
 * mistaken for one another (no 0/O, 1/I/L, 5/S, 2/Z, 8/B, 6/G).
 */
const FONT: Record<string, string[]> = {
  A: ['0,6 2,0 4,6', '1,3.6 3,3.6'],
  C: ['4,1 3,0 1,0 0,1 0,5 1,6 3,6 4,5'],
  D: ['0,0 0,6 2.5,6 4,4.5 4,1.5 2.5,0 0,0'],
  E: ['4,0 0,0 0,6 4,6', '0,3 3,3'],
  F: ['4,0 0,0 0,6', '0,3 3,3'],
  H: ['0,0 0,6', '4,0 4,6', '0,3 4,3'],
  J: ['4,0 4,5 3,6 1,6 0,5'],
  K: ['0,0 0,6', '4,0 0,3.6', '1.3,2.8 4,6'],
  M: ['0,6 0,0 2,3 4,0 4,6'],
  N: ['0,6 0,0 4,6 4,0'],
  P: ['0,6 0,0 3,0 4,1 4,2 3,3 0,3'],
  Q: ['1,0 3,0 4,1 4,5 3,6 1,6 0,5 0,1 1,0', '2.5,4.5 4,6.5'],
  R: ['0,6 0,0 3,0 4,1 4,2 3,3 0,3', '2,3 4,6'],
  T: ['0,0 4,0', '2,0 2,6'],
  U: ['0,0 0,5 1,6 3,6 4,5 4,0'],
  V: ['0,0 2,6 4,0'],
  W: ['0,0 1,6 2,3 3,6 4,0'],
  X: ['0,0 4,6', '4,0 0,6'],
  Y: ['0,0 2,3 4,0', '2,3 2,6'],
  '3': ['0,1 1,0 3,0 4,1 4,2 3,3 1.5,3', '3,3 4,4 4,5 3,6 1,6 0,5'],
  '4': ['3,6 3,0 0,4 4,4'],
  '6': ['4,1 3,0 1,0 0,1 0,5 1,6 3,6 4,5 4,4 3,3 0,3'],
  '7': ['0,0 4,0 1.5,6'],
  '9': ['4,3 1,3 0,2 0,1 1,0 3,0 4,1 4,5 3,6 1,6 0,5'],
}

/** The characters an answer is made of. */
export const CAPTCHA_ALPHABET = Object.keys(FONT).join('')
export const CAPTCHA_LENGTH = 5

const WIDTH = 200
const HEIGHT = 70

/** A new answer: `CAPTCHA_LENGTH` characters of the alphabet, from the system's CSPRNG. */
export function newCaptchaAnswer(): string {
  return randomString(CAPTCHA_ALPHABET, CAPTCHA_LENGTH)
}

/** `min` to `max`, inclusive, at random. */
const between = (min: number, max: number) => min + randomInt(max - min + 1)

/** A random dark colour, so that no single colour filter removes the noise and keeps the text. */
const ink = () => `rgb(${between(20, 110)},${between(20, 110)},${between(20, 110)})`

/** A curve across the image from edge to edge. */
function noiseCurve(): string {
  const y = () => between(5, HEIGHT - 5)
  const d = `M0 ${y()} C${between(40, 80)} ${y()} ${between(120, 160)} ${y()} ${WIDTH} ${y()}`
  return `<path d="${d}" fill="none" stroke="${ink()}" stroke-width="${between(1, 2)}"/>`
}

/** One character: its strokes with every point moved by up to a tenth of a grid step, turned and slanted. */
function glyph(character: string, x: number): string {
  const jitter = () => between(-10, 10) / 100
  const paths = (FONT[character] ?? []).map((stroke) => {
    const points = stroke.split(' ').map((point) => {
      const [px = 0, py = 0] = point.split(',').map(Number)
      return `${(px + jitter()).toFixed(2)} ${(py + jitter()).toFixed(2)}`
    })
    return `<path d="M${points.join(' L')}"/>`
  })
  const y = between(10, 20)
  const scale = between(55, 70) / 10
  return (
    `<g transform="translate(${x} ${y}) rotate(${between(-20, 20)} 12 20) skewX(${between(-12, 12)}) ` +
    `scale(${scale})" fill="none" stroke="${ink()}" stroke-width="${(3.4 / scale).toFixed(2)}" ` +
    `stroke-linecap="round" stroke-linejoin="round">${paths.join('')}</g>`
  )
}

/** The SVG of `answer`: its glyphs between noise curves drawn under and over them. */
export function drawCaptcha(answer: string): string {
  const step = (WIDTH - 40) / answer.length
  const glyphs = [...answer].map((character, index) => glyph(character, 16 + index * step + between(-3, 3)))
  const curves = Array.from({ length: 4 }, noiseCurve)
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" ` +
    `viewBox="0 0 ${WIDTH} ${HEIGHT}"><rect width="${WIDTH}" height="${HEIGHT}" fill="#f4f1ea"/>` +
    `${curves.slice(0, 2).join('')}${glyphs.join('')}${curves.slice(2).join('')}</svg>`
  )
}

/** The image as Auth0 hands it to the page: a `data:` URL the page shows in an `<img>` (CSP `img-src data:`). */
export function captchaImageUrl(answer: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(drawCaptcha(answer), 'utf8').toString('base64')}`
}

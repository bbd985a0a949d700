/** Steps of the demo SPA, as a person takes them: by label and role, so the tests also check accessibility names. */
import type { Page } from '@playwright/test'
import { expect } from '@playwright/test'
import { SPA } from './emulator'

export type Method = 'email code' | 'email link' | 'SMS code'

const CHOICES: Record<Method, string> = {
  'email code': 'a code by email',
  'email link': 'a sign-in link by email',
  'SMS code': 'a code by text message (SMS)',
}

export async function openSpa(page: Page, spa = SPA): Promise<void> {
  await page.goto(`${spa}/`)
  await expect(page.getByRole('heading', { name: 'Choose how to sign in' })).toBeVisible()
}

/** Chooses the method, fills in the address or number, and presses send. */
export async function requestMessage(page: Page, method: Method, identity: string): Promise<void> {
  await page.getByRole('radio', { name: CHOICES[method] }).check()
  const field = method === 'SMS code' ? page.getByLabel('Phone number') : page.getByLabel('Email address')
  await field.fill(identity)
  await page.getByRole('button', { name: method === 'email link' ? 'Send link' : 'Send code' }).click()
}

export async function enterCode(page: Page, code: string): Promise<void> {
  await page.getByLabel('Code', { exact: true }).fill(code)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
}

/** The profile as the page shows it: term → value of the definition list. */
export async function profile(page: Page): Promise<Record<string, string>> {
  await expect(page.getByRole('heading', { name: 'You are signed in' })).toBeVisible()
  return page.locator('#profile').evaluate((list) => {
    const rows: Record<string, string> = {}
    for (const term of list.querySelectorAll('dt')) {
      rows[term.textContent ?? ''] = term.nextElementSibling?.textContent ?? ''
    }
    return rows
  })
}

export const alertText = (page: Page) => page.getByRole('alert')
export const statusText = (page: Page) => page.getByRole('status')

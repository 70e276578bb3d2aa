/**
 * The counter's words for cards and bank accounts a provider keeps on file (PayTrace): on the
 * customer card and in the payment form. `{card}` is "Visa ••1111"; `{provider}` is the provider's name.
 */
export const paytraceEn = {
  'paytrace.customerId': '{provider} customer {id}',
  'paytrace.cardOnFile': '{provider} card on file: {card}',
  'paytrace.cardOnFileUnnamed': '{provider} card on file',
  'paytrace.bankOnFile': 'Bank account on file',
  'paytrace.bankOnFileNamed': 'Bank account on file: {account}',
  'paytrace.chargeCard': 'Charge card on file — {card}',
  'paytrace.chargeCardUnnamed': 'Charge card on file',
  'paytrace.chargeBank': 'Charge bank account on file — {account}',
  'paytrace.chargeBankUnnamed': 'Charge bank account on file',
  'paytrace.noCardData': '{provider} charges what it keeps on file: no card or account details are typed here.',
  'paytrace.payButton': 'Charge {amount}…',
  'paytrace.confirmTitle': 'Charge without the customer present',
  'paytrace.confirm': 'Charge {amount} to {customer} — {method}?',
  'paytrace.confirmButton': 'Charge {amount}',
  'paytrace.back': 'Back',
  'paytrace.charged': 'Charged on file: {card}',
  'customer.outstandingIn': 'Also outstanding in {currency}',
} as const;

export const paytraceNl: Record<keyof typeof paytraceEn, string> = {
  'paytrace.customerId': '{provider}-klant {id}',
  'paytrace.cardOnFile': 'Kaart bekend bij {provider}: {card}',
  'paytrace.cardOnFileUnnamed': 'Kaart bekend bij {provider}',
  'paytrace.bankOnFile': 'Bankrekening bekend',
  'paytrace.bankOnFileNamed': 'Bankrekening bekend: {account}',
  'paytrace.chargeCard': 'Bekende kaart belasten — {card}',
  'paytrace.chargeCardUnnamed': 'Bekende kaart belasten',
  'paytrace.chargeBank': 'Bekende bankrekening belasten — {account}',
  'paytrace.chargeBankUnnamed': 'Bekende bankrekening belasten',
  'paytrace.noCardData':
    '{provider} belast wat het van de klant bewaart: hier worden geen kaart- of rekeninggegevens getypt.',
  'paytrace.payButton': '{amount} afschrijven…',
  'paytrace.confirmTitle': 'Afschrijven zonder dat de klant erbij is',
  'paytrace.confirm': '{amount} afschrijven bij {customer} — {method}?',
  'paytrace.confirmButton': '{amount} afschrijven',
  'paytrace.back': 'Terug',
  'paytrace.charged': 'Afgeschreven van bekende kaart of rekening: {card}',
  'customer.outstandingIn': 'Ook openstaand in {currency}',
};

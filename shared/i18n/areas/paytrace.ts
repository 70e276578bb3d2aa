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
  'failure.no_customer_on_file': 'This customer has no card or bank account on file at PayTrace; nothing was charged.',
  'failure.approved_then_voided':
    'PayTrace approved the charge and then voided it itself (e.g. a security-code or address mismatch); nothing was charged.',
  'failure.not_found_at_paytrace': 'PayTrace has no record of this charge; nothing was charged.',
  'failure.currency_not_supported': 'PayTrace takes dollars only; nothing was charged.',
  'failure.PAYTRACE-30': 'PayTrace does not know this customer id (30); nothing was charged.',
  'failure.PAYTRACE-58': 'PayTrace does not know this transaction (58).',
  'failure.PAYTRACE-80': 'PayTrace does not know this bank transaction (80).',
  'failure.PAYTRACE-817': 'PayTrace cannot refund before the batch has settled (817): void it instead.',
  'failure.PAYTRACE-818': 'PayTrace cannot void after the batch has settled (818): refund it instead.',
  'failure.PAYTRACE-981': 'The PayTrace API user lacks the permission for this (981).',
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
  'failure.no_customer_on_file':
    'Deze klant heeft bij PayTrace geen kaart of bankrekening bekend; er is niets afgeschreven.',
  'failure.approved_then_voided':
    'PayTrace keurde de afschrijving goed en annuleerde haar daarna zelf (bijv. beveiligingscode of adres klopt niet); er is niets afgeschreven.',
  'failure.not_found_at_paytrace': 'PayTrace kent deze afschrijving niet; er is niets afgeschreven.',
  'failure.currency_not_supported': 'PayTrace neemt alleen dollars aan; er is niets afgeschreven.',
  'failure.PAYTRACE-30': 'PayTrace kent dit klantnummer niet (30); er is niets afgeschreven.',
  'failure.PAYTRACE-58': 'PayTrace kent deze transactie niet (58).',
  'failure.PAYTRACE-80': 'PayTrace kent deze banktransactie niet (80).',
  'failure.PAYTRACE-817':
    'PayTrace kan niet terugbetalen voordat de batch is afgerekend (817): annuleer in plaats daarvan.',
  'failure.PAYTRACE-818':
    'PayTrace kan niet annuleren nadat de batch is afgerekend (818): betaal in plaats daarvan terug.',
  'failure.PAYTRACE-981': 'De PayTrace-API-gebruiker heeft hiervoor geen rechten (981).',
  'customer.outstandingIn': 'Ook openstaand in {currency}',
};
